import { PHOTO_POLICY, PHOTO_TOO_LARGE, PHOTO_WRONG_TYPE } from "@tabletap/core/photo";

/** Why an upload was refused as a photo. */
export type PhotoProblem = "too-large" | "wrong-type" | "corrupt" | "too-many-pixels";

const MESSAGES: Record<PhotoProblem, string> = {
  "too-large": PHOTO_TOO_LARGE,
  "wrong-type": PHOTO_WRONG_TYPE,
  corrupt: "That photo couldn't be read; the file may be damaged. Please try another.",
  "too-many-pixels": `That photo has more than ${PHOTO_POLICY.maxPixels / 1_000_000} megapixels. Please choose a smaller one.`,
};

/** An upload that can't be a menu photo (`PHOTO_POLICY`); nothing was stored. `message` is shown to the manager. */
export class PhotoRejectedError extends Error {
  override readonly name = "PhotoRejectedError";

  constructor(readonly problem: PhotoProblem) {
    super(MESSAGES[problem]);
  }
}
