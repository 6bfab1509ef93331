"""Containers and packaging: boxes, buckets, baskets, bins, cans."""
