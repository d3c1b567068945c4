/** Thrown by a job to make the queue try it again later (the queue's retry policy decides when). */
export class RetryLater extends Error {}
