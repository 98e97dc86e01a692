/** Where the pipeline's preview stills go: to the preview while one is shown, else nowhere. */
export class PreviewSink {
  private drawer: ((picture: ImageBitmap) => void) | null = null;

  /** The preview takes the stills from now on; the returned function stops that. */
  attach(drawer: (picture: ImageBitmap) => void): () => void {
    this.drawer = drawer;
    return () => {
      if (this.drawer === drawer) this.drawer = null;
    };
  }

  /** Hands a still to the preview, or closes it when none is shown. */
  push(picture: ImageBitmap): void {
    if (this.drawer) this.drawer(picture);
    else picture.close();
  }
}
