"use client";
import { useTRPC } from "@tabletap/client/staff";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import { useSessionKeepAlive } from "./use-session-keepalive";

/** The signed-in screen's session: what `useStaffSession` gives the page. */
export interface StaffSessionControls {
  /** Sends the browser to sign in again, back to this page afterwards (once; not after signing out). */
  goToLogin: () => void;
  /** Signs out, then shows the sign-in page. */
  signOut: () => void;
  signingOut: boolean;
}

/**
 * Keeps a long-lived staff screen signed in (`useSessionKeepAlive`), and ends it: `goToLogin`
 * when the API answers UNAUTHORIZED (the refresh cookie ran out too), `signOut` from the button.
 */
export function useStaffSession(): StaffSessionControls {
  useSessionKeepAlive();
  const trpc = useTRPC();
  const router = useRouter();
  const signedOut = useRef(false);

  const goToLogin = useCallback(() => {
    if (signedOut.current) return;
    signedOut.current = true;
    router.replace(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [router]);

  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        signedOut.current = true;
        router.replace("/login");
        router.refresh();
      },
    }),
  );
  const { mutate } = logout;
  const signOut = useCallback(() => mutate(), [mutate]);

  return { goToLogin, signOut, signingOut: logout.isPending };
}
