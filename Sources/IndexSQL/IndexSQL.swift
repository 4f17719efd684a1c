// SQLiteIndexStore lives here.
