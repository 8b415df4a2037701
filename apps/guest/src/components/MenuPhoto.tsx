import type { MenuItemPhotoView } from "@tabletap/core";

/**
 * A menu item's photo: the WebP renditions as a responsive `srcset` (the browser picks by
 * `sizes` and the screen's density), loaded lazily, with its size reserved from the photo's
 * width and height (or the frame's CSS) so nothing moves when it arrives. Until it has loaded,
 * the BlurHash placeholder (a few pixels decoded on the server, as a data URL, stretched
 * smoothly by the browser) shows through from behind: no JavaScript, and no inline style (the
 * page's CSP allows none).
 */
export function MenuPhoto({
  photo,
  sizes,
  variant,
}: {
  photo: MenuItemPhotoView;
  /** The `sizes` attribute: the width the photo is shown at, e.g. "96px". */
  sizes: string;
  /** `thumb`: the menu card's square thumbnail; `banner`: the item dialog's full-width photo. */
  variant: "thumb" | "banner";
}) {
  const [smallest] = photo.renditions;
  if (!smallest) return null;
  return (
    <span className={`menu-photo menu-photo--${variant}`}>
      {/* eslint-disable-next-line @next/next/no-img-element -- pre-sized WebP renditions from S3; next/image would resize them again */}
      <img className="menu-photo__placeholder" src={photo.placeholder} alt="" aria-hidden="true" />
      {/* eslint-disable-next-line @next/next/no-img-element -- pre-sized WebP renditions from S3; next/image would resize them again */}
      <img
        className="menu-photo__image"
        src={smallest.url}
        srcSet={photo.renditions.map(({ url, width }) => `${url} ${width}w`).join(", ")}
        sizes={sizes}
        width={photo.width}
        height={photo.height}
        alt={photo.alt}
        loading="lazy"
        decoding="async"
      />
    </span>
  );
}
