"""The paperwork, with no Qt: PDF sheets and notices (documents/pdf); the core knows what, these modules know how it looks."""
