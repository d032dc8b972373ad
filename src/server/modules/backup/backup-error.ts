/** A backup command's failure, worded for the operator; printed as is (never holds data or keys). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
