"""Pure machinery of enterprise online monitoring: HJ 212-2017 codec, write-ahead log and
Parquet store, asyncio receiver, portable analytics, simulator. No Django here."""
