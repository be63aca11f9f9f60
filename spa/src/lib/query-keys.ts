//! Query keys two features share: a decision in one invalidates what the other shows.

/** Everything about members (lists, details, histories): an approved request changes them. */
export const MEMBERS_QUERY_KEY = ['members'] as const;

/** The approval inbox: a request filed from a member page shows up there. */
export const MEMBERSHIP_REQUESTS_QUERY_KEY = ['membership-requests'] as const;
