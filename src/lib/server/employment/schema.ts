// Job board: offers, applications, job alerts, the spontaneous applications pool.
export {};
