"""Word documents, through python-docx: the monthly bulletin (bulletin.py),
laid out as GB/T 9704 lays out official documents (official.py), in the
fonts an office's PCs have (fonts.py). No Qt here."""

from documents.docx.bulletin import BulletinInfo, bulletin_title, write_bulletin

__all__ = ["BulletinInfo", "bulletin_title", "write_bulletin"]
