import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { signInPath } from '../../../shared/paths';
import { safeReturnTo } from '../../../shared/return-to';
import { MIN_PASSWORD, useMe, useSignUp } from '../../../shared/session/session';
import { AuthCard } from './AuthCard';
import { PasswordField } from './SignInPage';

/**
 * /sign-up?invitation=&email=&returnTo= — a new account. The first account on a server becomes
 * the owner of its first workspace; after that, accounts come from invitations (the page carries
 * the invitation's id to the server, which checks the address).
 */
export function SignUpPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo')) ?? '/';
  const invitationId = params.get('invitation') ?? undefined;
  const invitedEmail = params.get('email') ?? '';
  const navigate = useNavigate();
  const me = useMe();
  const signUp = useSignUp();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(invitedEmail);
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);

  if (me.isPending) return <Loading label="Loading…" />;
  if (me.data && !signUp.isPending && (me.data.mode === 'local' || !me.error)) return <Navigate to={returnTo} replace />;

  const errors = {
    name: name.trim() ? undefined : 'Your name is required',
    email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : 'An email address is required',
    password: password.length >= MIN_PASSWORD ? undefined : `At least ${MIN_PASSWORD} characters`,
  };
  const shown = (k: keyof typeof errors) => (tried ? errors[k] : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (errors.name || errors.email || errors.password) return;
    signUp.mutate({ name: name.trim(), email: email.trim(), password, invitationId }, { onSuccess: () => navigate(returnTo, { replace: true }) });
  }

  return (
    <AuthCard
      title="Create an account"
      intro={
        invitationId
          ? 'Use the address the invitation was sent to.'
          : 'The first account on this server owns its first workspace; after that, people join by invitation.'
      }
      testId="sign-up-page"
      footer={
        <>
          Have an account?{' '}
          <Link to={signInPath(returnTo, email.trim() || undefined)} data-testid="sign-in-link">
            Sign in
          </Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={submit} noValidate>
        {signUp.isError ? <ErrorBanner testId="sign-up-error" message={signUp.error.message} /> : null}
        <TextField id="sign-up-name" testId="sign-up-name" label="Your name" value={name} onChange={setName} error={shown('name')} />
        <TextField
          id="sign-up-email"
          testId="sign-up-email"
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          error={shown('email')}
          hint={invitationId && invitedEmail ? 'The invitation is for this address.' : undefined}
        />
        <PasswordField
          id="sign-up-password"
          testId="sign-up-password"
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={shown('password')}
        />
        <Button type="submit" variant="primary" busy={signUp.isPending} data-testid="sign-up-submit">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
