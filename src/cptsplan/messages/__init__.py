"""French words for what is found: schema errors explained, suggestions for typos,
field labels, the vocabularies (typologies, volets) and dates as French readers write them."""
