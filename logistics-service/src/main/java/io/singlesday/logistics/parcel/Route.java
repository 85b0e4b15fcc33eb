package io.singlesday.logistics.parcel;

/** How a parcel travels: from a regional warehouse, through a bonded warehouse and customs, or from a Hema store nearby. */
public enum Route { STANDARD, CROSS_BORDER, HYPERLOCAL }
