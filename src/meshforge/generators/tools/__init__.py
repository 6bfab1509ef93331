"""Hand tools: hammers, wrenches, screwdrivers and shovels."""
