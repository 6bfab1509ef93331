"""Clothing and accessories: hats, shoes, bags, watches and glasses."""
