/* A stand-in for mscms.dll (colour management), for running the Windows build
 * under Wine in CI only: it is never shipped (packaging/wine/README.md).
 *
 * Qt's qwindows platform plugin imports WcsCreateIccProfile, which Wine 8's
 * mscms.dll lacks, so the plugin does not load and no window can open. Loaded
 * instead of Wine's own with WINEDLLOVERRIDES="mscms=n". No screen has a colour
 * profile here: Qt then assumes sRGB, as on a PC without one. */

#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD sharing, DWORD creation) {
    (void)profile; (void)access; (void)sharing; (void)creation;
    SetLastError(ERROR_FILE_NOT_FOUND);
    return NULL;
}
EXPORT BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }
EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size) {
    (void)profile; (void)buffer; (void)size;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}
EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options) {
    (void)profile; (void)options;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
