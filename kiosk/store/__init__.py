"""sqlite3 only: connections, versions, migrations, repositories. All SQL lives here."""
