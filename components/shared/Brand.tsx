import logoUrl from './logo.svg';

/** Logo and name; the logo is the same drawing as the toolbar icon (scripts/make-icons.mjs). */
export function Brand({ tagline }: { tagline: string }) {
  return (
    <header className="brand">
      <img src={logoUrl} width={28} height={28} alt="" />
      <div>
        <h1>Liveproof</h1>
        <div className="tagline">{tagline}</div>
      </div>
    </header>
  );
}
