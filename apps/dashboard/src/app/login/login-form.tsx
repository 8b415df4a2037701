"use client";
import { useTRPC } from "@tabletap/client/staff";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@tabletap/client/errors";

export function LoginForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const errorId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [navigating, setNavigating] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const login = useMutation(
    trpc.auth.staffLogin.mutationOptions({
      onSuccess: () => {
        setNavigating(true);
        router.replace(next);
        router.refresh();
      },
      onError: () => {
        passwordRef.current?.select();
        passwordRef.current?.focus();
      },
    }),
  );
  const pending = login.isPending || navigating;
  const error = localError ?? (login.error ? errorMessage(login.error, "We couldn't sign you in. Try again.") : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value : "";
    };
    const email = field("email").trim();
    const password = field("password");
    const missing = !email ? "Enter your email." : !password ? "Enter your password." : null;
    setLocalError(missing);
    if (missing) {
      login.reset();
      (email ? passwordRef : emailRef).current?.focus();
      return;
    }
    login.mutate({ email, password });
  }

  return (
    <form
      method="post"
      className="login-form"
      onSubmit={onSubmit}
      aria-describedby={error ? errorId : undefined}
      noValidate
    >
      {error ? (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
        />
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending || undefined}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
