"""Musical instruments: guitars, drums and pianos."""
