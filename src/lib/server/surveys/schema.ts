// Surveys, barometers (a survey repeated each year) and HR diagnostics.
export {};
