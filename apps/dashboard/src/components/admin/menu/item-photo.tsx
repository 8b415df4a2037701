"use client";
import type { MenuItemPhotoView } from "@tabletap/core/photo";
import { PHOTO_TYPES, photoFileProblem } from "@tabletap/core/photo";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { Button } from "@tabletap/ui/button";
import { cn } from "@tabletap/ui/cn";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type DragEvent } from "react";

/** What the upload route answers (`photoUploadRouteHandler`). */
type UploadAnswer = { photo: MenuItemPhotoView } | { error: { code: string; message: string } };

/**
 * Sends `file` as the body of `POST /api/admin/menu-items/<id>/photo` (same origin, with the
 * session cookie) through XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the stored photo; rejects with an Error whose message is the server's.
 */
function uploadPhoto(
  menuItemId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<MenuItemPhotoView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/admin/menu-items/${encodeURIComponent(menuItemId)}/photo`);
    xhr.setRequestHeader("content-type", file.type);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const answer = xhr.response as UploadAnswer | null;
      if (answer && "photo" in answer) resolve(answer.photo);
      else reject(new Error(answer?.error.message ?? "The photo couldn't be uploaded. Please try again."));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted. Check the connection and try again."));
    xhr.send(file);
  });
}

/**
 * A menu item's photo in the item editor: the current photo (or an empty drop zone), choose or
 * replace it (file picker or drag and drop), checked first against `PHOTO_POLICY` like the server
 * does (JPEG/PNG/WebP, at most 5 MB), upload progress, the server's refusal beside it, and
 * removal (`admin.photos.remove`). `onChange` gets the new photo (null after removal), e.g. to
 * refresh the menu list.
 */
export function ItemPhoto({
  menuItemId,
  photo,
  onChange,
}: {
  menuItemId: string;
  photo: MenuItemPhotoView | null;
  onChange: (photo: MenuItemPhotoView | null) => void;
}) {
  const trpc = useTRPC();
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const remove = useMutation(
    trpc.admin.photos.remove.mutationOptions({
      onSuccess: () => {
        setError(null);
        onChange(null);
      },
      onError: (cause) => setError(errorMessage(cause, "The photo couldn't be removed.")),
    }),
  );
  const uploading = progress !== null;
  const busy = uploading || remove.isPending;

  async function send(file: File | undefined) {
    if (!file || busy) return;
    const problem = photoFileProblem(file);
    setError(problem);
    if (problem) return;
    setProgress(0);
    try {
      onChange(await uploadPhoto(menuItemId, file, setProgress));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "The photo couldn't be uploaded.");
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void send(event.dataTransfer.files[0]);
  }

  const preview = photo?.renditions.find((r) => r.width >= 320) ?? photo?.renditions.at(-1);
  return (
    <section aria-labelledby={`${errorId}-heading`} className="grid gap-2">
      <h3 id={`${errorId}-heading`} className="text-sm font-semibold">
        Photo
      </h3>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "border-border bg-surface flex items-center gap-4 rounded-lg border border-dashed p-3",
          dragging && "border-primary bg-primary-soft",
        )}
      >
        <div className="bg-surface-muted relative size-24 flex-none overflow-hidden rounded-md">
          {photo && preview ? (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element -- pre-sized WebP renditions from S3; next/image would resize them again */}
              <img
                src={photo.placeholder}
                alt=""
                aria-hidden="true"
                className="absolute inset-0 size-full object-cover"
              />
              {/* eslint-disable-next-line @next/next/no-img-element -- pre-sized WebP renditions from S3; next/image would resize them again */}
              <img
                src={preview.url}
                alt={photo.alt || "Current photo"}
                width={photo.width}
                height={photo.height}
                className="relative size-full object-cover"
              />
            </>
          ) : (
            <span className="text-muted-foreground flex size-full items-center justify-center text-xs">No photo</span>
          )}
        </div>
        <div className="grid min-w-0 gap-2 text-sm">
          <p className="text-muted-foreground">
            {uploading
              ? `Uploading… ${Math.round((progress ?? 0) * 100)}%`
              : "Drop a JPEG, PNG or WebP here (up to 5 MB), or choose one."}
          </p>
          {uploading && (
            <progress className="h-1.5 w-full" value={progress ?? 0} max={1} aria-label="Upload progress" />
          )}
          <div className="flex flex-wrap gap-2">
            <input
              ref={inputRef}
              type="file"
              accept={PHOTO_TYPES.join(",")}
              className="sr-only"
              aria-describedby={error ? errorId : undefined}
              aria-label={photo ? "Replace photo" : "Choose photo"}
              onChange={(event) => void send(event.target.files?.[0])}
            />
            <Button size="sm" variant="outline" disabled={busy} onClick={() => inputRef.current?.click()}>
              {uploading ? "Uploading…" : photo ? "Replace photo" : "Choose photo"}
            </Button>
            {photo && (
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  remove.mutate({ menuItemId });
                }}
              >
                {remove.isPending ? "Removing…" : "Remove"}
              </Button>
            )}
          </div>
        </div>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-danger text-sm font-semibold">
          {error}
        </p>
      )}
    </section>
  );
}
