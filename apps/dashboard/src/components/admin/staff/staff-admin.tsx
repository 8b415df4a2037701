"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import {
  saveStaffInput,
  STAFF_ROLES,
  type StaffMemberView,
  type StaffRole,
  type StaffSaved,
} from "@tabletap/core/staff-admin";
import { Button } from "@tabletap/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@tabletap/ui/dialog";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@tabletap/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@tabletap/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AdminNotice, AdminPage } from "../admin-page";
import { AuditTrail } from "../audit-trail";

const ROLE_LABELS: Record<StaffRole, string> = { staff: "Staff", manager: "Manager" };

/** What the page shows in its one dialog: the account editor, a temporary password, a confirmation, or a history. */
type Open =
  | { kind: "edit"; member: StaffMemberView | null }
  | { kind: "password"; saved: StaffSaved; reason: "created" | "reset" }
  | { kind: "confirm"; member: StaffMemberView; action: "deactivate" | "reactivate" | "reset" }
  | { kind: "history"; member: StaffMemberView };

/** `/admin/staff`: the team table with add, edit (name, email, role), deactivate/reactivate, reset password and history. */
export function StaffAdmin() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.staff.list.queryOptions());
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setOpen(null);

  return (
    <AdminPage
      title="Staff"
      description="Who can sign in to the kitchen display and the admin panel. Managers can do everything here."
      actions={<Button onClick={() => setOpen({ kind: "edit", member: null })}>Add staff</Button>}
    >
      {notice ? (
        <p role="status" className="bg-primary-soft rounded-md px-3 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      {list.isPending ? (
        <AdminNotice kind="loading">Loading the team…</AdminNotice>
      ) : list.isError ? (
        <AdminNotice
          kind="error"
          action={
            <Button size="sm" variant="outline" onClick={() => void list.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(list.error, "We couldn't load the team.")}
        </AdminNotice>
      ) : list.data.length === 0 ? (
        <AdminNotice kind="empty">Nobody on the team yet.</AdminNotice>
      ) : (
        <div className="border-border bg-card rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Email</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((member) => (
                <TableRow key={member.id} className={member.active ? undefined : "text-muted-foreground"}>
                  <TableCell className="font-semibold whitespace-nowrap">{member.name}</TableCell>
                  <TableCell>{member.email}</TableCell>
                  <TableCell>{ROLE_LABELS[member.role]}</TableCell>
                  <TableCell>
                    <span
                      className={
                        member.active
                          ? "bg-primary-soft rounded-full px-2 py-0.5 text-xs font-semibold"
                          : "bg-surface-muted rounded-full px-2 py-0.5 text-xs font-semibold"
                      }
                    >
                      {member.active ? "Active" : "Deactivated"}
                    </span>
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1 whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        className="px-2"
                        onClick={() => setOpen({ kind: "edit", member })}
                      >
                        Edit<span className="sr-only"> {member.name}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        className="px-2"
                        onClick={() => setOpen({ kind: "confirm", member, action: "reset" })}
                      >
                        Reset password<span className="sr-only"> of {member.name}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        className="px-2"
                        onClick={() =>
                          setOpen({ kind: "confirm", member, action: member.active ? "deactivate" : "reactivate" })
                        }
                      >
                        {member.active ? "Deactivate" : "Reactivate"}
                        <span className="sr-only"> {member.name}</span>
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        className="px-2"
                        onClick={() => setOpen({ kind: "history", member })}
                      >
                        History<span className="sr-only"> of {member.name}</span>
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      <Dialog open={open !== null} onOpenChange={(isOpen) => (isOpen ? null : close())}>
        {open?.kind === "edit" ? (
          <StaffEditor
            member={open.member}
            onSaved={(saved) => {
              if (saved.temporaryPassword) setOpen({ kind: "password", saved, reason: "created" });
              else {
                setNotice(`Saved ${saved.staff.name}.`);
                close();
              }
            }}
            onCancel={close}
          />
        ) : open?.kind === "password" ? (
          <TemporaryPassword saved={open.saved} reason={open.reason} onDone={close} />
        ) : open?.kind === "confirm" ? (
          <ConfirmAction
            member={open.member}
            action={open.action}
            onDone={(message, saved) => {
              if (saved?.temporaryPassword) setOpen({ kind: "password", saved, reason: "reset" });
              else close();
              setNotice(message);
            }}
            onCancel={close}
          />
        ) : open?.kind === "history" ? (
          <DialogContent className="w-[min(100%-2rem,44rem)]">
            <DialogTitle>History of {open.member.name}</DialogTitle>
            <DialogDescription>Every change a manager made to this account, newest first.</DialogDescription>
            <AuditTrail entity="staff" entityId={open.member.id} />
          </DialogContent>
        ) : null}
      </Dialog>
    </AdminPage>
  );
}

/** Invalidates the team list after a change. */
function useInvalidateTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.staff.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.audit.list.pathKey() }),
    ]);
}

/** The add/edit form: name, email, role; validated with `saveStaffInput` first, then the server's field errors. */
function StaffEditor({
  member,
  onSaved,
  onCancel,
}: {
  member: StaffMemberView | null;
  onSaved: (saved: StaffSaved) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const [name, setName] = useState(member?.name ?? "");
  const [email, setEmail] = useState(member?.email ?? "");
  const [role, setRole] = useState<StaffRole>(member?.role ?? "staff");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.admin.staff.save.mutationOptions({
      onSuccess: async (saved) => {
        await invalidate();
        onSaved(saved);
      },
      onError: (error) =>
        setErrors({ form: errorMessage(error, "We couldn't save. Try again."), ...fieldErrors(error) }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = saveStaffInput.safeParse({ ...(member ? { id: member.id } : {}), name, email, role });
    if (!parsed.success) {
      setErrors(issueMessages(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  return (
    <DialogContent>
      <DialogTitle>{member ? `Edit ${member.name}` : "Add staff"}</DialogTitle>
      <DialogDescription>
        {member
          ? "Changing the role signs them out everywhere; they sign in again with the new role."
          : "We create a temporary password for them. You see it once, after saving: give it to them in person."}
      </DialogDescription>
      <form className="grid gap-4" onSubmit={submit} noValidate>
        <Field label="Name" error={errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Email" description="They sign in with it." error={errors.email}>
          <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </Field>
        <Field
          label="Role"
          description="Staff use the kitchen display; managers also run this admin panel."
          error={errors.role}
        >
          <Select value={role} onValueChange={(value) => setRole(value as StaffRole)}>
            <SelectTrigger>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {STAFF_ROLES.map((r) => (
                <SelectItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        {errors.form && !errors.name && !errors.email && !errors.role ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errors.form}
          </p>
        ) : null}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : member ? "Save changes" : "Add and create password"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}

/** The temporary password, shown this once, with a copy button. */
function TemporaryPassword({
  saved,
  reason,
  onDone,
}: {
  saved: StaffSaved;
  reason: "created" | "reset";
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const password = saved.temporaryPassword ?? "";
  return (
    <DialogContent>
      <DialogTitle>{reason === "created" ? `${saved.staff.name} is on the team` : "Password reset"}</DialogTitle>
      <DialogDescription>
        Give {saved.staff.name} this temporary password to sign in with {saved.staff.email}. It is shown only now: copy
        it before you close this.
      </DialogDescription>
      <div className="border-border-strong bg-surface-muted flex items-center justify-between gap-3 rounded-md border px-4 py-3">
        <code className="font-mono text-lg font-bold tracking-wide" aria-label="Temporary password">
          {password}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </DialogContent>
  );
}

const CONFIRM_TEXT = {
  deactivate: {
    title: (name: string) => `Deactivate ${name}?`,
    body: "They are signed out of every device at once and can't sign in until you reactivate them. Their history stays.",
    button: "Deactivate",
  },
  reactivate: {
    title: (name: string) => `Reactivate ${name}?`,
    body: "They can sign in again with their current password.",
    button: "Reactivate",
  },
  reset: {
    title: (name: string) => `Reset ${name}'s password?`,
    body: "Their current password stops working and they are signed out everywhere. You get a temporary password to give them.",
    button: "Reset password",
  },
} as const;

/** Confirms deactivate / reactivate / reset password, then does it; errors (the last manager) show in the dialog. */
function ConfirmAction({
  member,
  action,
  onDone,
  onCancel,
}: {
  member: StaffMemberView;
  action: "deactivate" | "reactivate" | "reset";
  onDone: (message: string, saved?: StaffSaved) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const setActive = useMutation(trpc.admin.staff.setActive.mutationOptions());
  const reset = useMutation(trpc.admin.staff.resetPassword.mutationOptions());
  const pending = setActive.isPending || reset.isPending;
  const error = setActive.error ?? reset.error;
  const text = CONFIRM_TEXT[action];

  const confirm = async () => {
    if (action === "reset") {
      const saved = await reset.mutateAsync({ staffId: member.id });
      await invalidate();
      onDone(`Reset ${member.name}'s password.`, saved);
      return;
    }
    await setActive.mutateAsync({ staffId: member.id, active: action === "reactivate" });
    await invalidate();
    onDone(action === "deactivate" ? `Deactivated ${member.name}.` : `Reactivated ${member.name}.`);
  };

  return (
    <DialogContent>
      <DialogTitle>{text.title(member.name)}</DialogTitle>
      <DialogDescription>{text.body}</DialogDescription>
      {error ? (
        <p role="alert" className="text-danger text-sm font-semibold">
          {errorMessage(error, "We couldn't do that. Try again.")}
        </p>
      ) : null}
      <DialogFooter>
        <Button variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          variant={action === "reactivate" ? "primary" : "danger"}
          disabled={pending}
          onClick={() => void confirm().catch(() => undefined)}
        >
          {pending ? "Working…" : text.button}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
