"""Vehicles: cars, trucks, boats, aircraft, rockets and bicycles."""
