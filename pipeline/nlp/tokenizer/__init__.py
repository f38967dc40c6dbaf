"""The tokenizer stage: Baokan's pkuseg word segmentation with number rules and user dictionary."""
