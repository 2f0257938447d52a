"""Assets by stage: ingest, clean, syndication, extract."""
