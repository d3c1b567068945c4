import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../shared/components/Button';
import { Loading } from '../../../shared/components/EmptyState';
import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { TextField } from '../../../shared/components/TextField';
import { paths } from '../../../shared/paths';
import { safeReturnTo } from '../../../shared/return-to';
import { useMe, useSignIn } from '../../../shared/session/session';
import { AuthCard } from './AuthCard';

/** /sign-in?returnTo=&email= — team mode: email and password, then back where they came from. */
export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo')) ?? '/';
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');

  if (me.isPending) return <Loading label="Loading…" />;
  // Local mode has no sign-in; a signed-in person has nothing to do here.
  if (me.data && !signIn.isPending && (me.data.mode === 'local' || !me.error)) return <Navigate to={returnTo} replace />;

  function submit(e: FormEvent) {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(returnTo, { replace: true }) });
  }

  const signUp = `${paths.signUp}${returnTo !== '/' ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
  return (
    <AuthCard
      title="Sign in"
      intro="Sign in to work in your team’s workspace."
      testId="sign-in-page"
      footer={
        <>
          New here?{' '}
          <Link to={signUp} data-testid="sign-up-link">
            Create an account
          </Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={submit} noValidate>
        {signIn.isError ? (
          <ErrorBanner testId="sign-in-error" message={signIn.error.status === 401 ? 'Wrong email or password.' : signIn.error.message} />
        ) : null}
        <TextField id="sign-in-email" testId="sign-in-email" label="Email" type="email" value={email} onChange={setEmail} />
        <PasswordField
          id="sign-in-password"
          testId="sign-in-password"
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
        />
        <Button type="submit" variant="primary" busy={signIn.isPending} disabled={!email.trim() || !password} data-testid="sign-in-submit">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}

export function PasswordField({
  id,
  testId,
  label,
  value,
  onChange,
  autoComplete,
  hint,
  error,
}: {
  id: string;
  testId: string;
  label: string;
  value: string;
  onChange(v: string): void;
  autoComplete: 'current-password' | 'new-password';
  hint?: string;
  error?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="password"
        className="input"
        data-testid={testId}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && !error ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
