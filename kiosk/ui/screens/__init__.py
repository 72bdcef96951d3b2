"""One screen per module: <Name>Screen."""
