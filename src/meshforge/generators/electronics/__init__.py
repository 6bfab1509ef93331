"""Consumer electronics: phones, laptops, monitors, televisions, headphones and speakers."""
