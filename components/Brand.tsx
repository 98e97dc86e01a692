/** Logo mark and name; the mark is the same drawing as the toolbar icon. */
export function Brand({ tagline }: { tagline: string }) {
  return (
    <header className="brand">
      <LogoMark size={28} />
      <div>
        <h1>Liveproof</h1>
        <div className="tagline">{tagline}</div>
      </div>
    </header>
  );
}

export function LogoMark({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#2355d8" />
      <circle cx="32" cy="27" r="13" fill="none" stroke="#fff" strokeWidth="5" />
      <path d="M13 54c3-9 10-13 19-13s16 4 19 13" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
      <path d="M41 47l5 5 9-11" fill="none" stroke="#7ee2a8" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
