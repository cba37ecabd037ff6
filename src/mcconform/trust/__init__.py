"""The trust layer: proofs, keys, status lists and sealed credentials."""
