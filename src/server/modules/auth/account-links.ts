/** Links in mail point at pages of the workspace; the token rides in the query (never logged: see logger). */
export interface AccountLinks {
  signIn(): string;
  verifyEmail(token: string): string;
  resetPassword(token: string): string;
  acceptInvitation(token: string): string;
}

export function createAccountLinks(publicUrl: URL): AccountLinks {
  const link = (path: string, token?: string) => {
    const url = new URL(path, publicUrl);
    if (token) url.searchParams.set('token', token);
    return url.toString();
  };
  return {
    signIn: () => link('/sign-in'),
    verifyEmail: (token) => link('/verify-email', token),
    resetPassword: (token) => link('/reset-password', token),
    acceptInvitation: (token) => link('/invitation', token),
  };
}
