import { isPhotoKey } from "./keys";
import { IMMUTABLE_CACHE_CONTROL, type MediaStore } from "./store";

/**
 * The answer to `GET /media/<key>`: the photo streamed from the bucket with
 * `IMMUTABLE_CACHE_CONTROL`, `X-Content-Type-Options: nosniff` and its ETag (a matching
 * `If-None-Match` gets 304 without a body); 404 for a key that is not a photo's (`isPhotoKey`:
 * nothing else in the bucket is reachable) or not stored. Rejects when S3 fails otherwise.
 */
export async function serveMedia(store: MediaStore, key: string, ifNoneMatch: string | null): Promise<Response> {
  const notFound = () =>
    new Response("Not found", { status: 404, headers: { "cache-control": "no-store", "content-type": "text/plain" } });
  if (!isPhotoKey(key)) return notFound();
  const object = await store.get(key);
  if (!object) return notFound();
  const headers = new Headers({
    "cache-control": IMMUTABLE_CACHE_CONTROL,
    "content-type": object.contentType,
    "x-content-type-options": "nosniff",
  });
  if (object.etag) headers.set("etag", object.etag);
  if (object.contentLength !== undefined) headers.set("content-length", String(object.contentLength));
  if (object.etag && ifNoneMatch === object.etag) {
    await object.body.cancel();
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(object.body, { status: 200, headers });
}
