"""Table schemas, row building and the Parquet writer."""
