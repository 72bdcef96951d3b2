"""`kiosk-admin`: the librarians' and outreach workers' command line."""
