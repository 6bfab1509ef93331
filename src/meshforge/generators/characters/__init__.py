"""Characters: stylized humanoid figures built on the soft-surface toolkit."""
