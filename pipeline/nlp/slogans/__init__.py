"""The slogan (提法) stage: quotes, lexicon and numbered formulations, classified and canonicalized."""
