"""Animals: stylized quadrupeds, birds, fish, insects and reptiles built from a few soft body plans."""
