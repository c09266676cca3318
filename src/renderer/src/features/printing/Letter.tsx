import type { FilledPart } from '../../domain/letters'
import { paragraphsOf } from './letter-content'
import type { PaperSize, PracticeProfile } from '../../domain/practice'

/**
 * A letter on the practice's letterhead. Placeholders that could not be filled stay visible,
 * marked, so the preview shows what is missing (printing waits until there is none).
 */
export function Letter({
  parts,
  profile,
  pageSize,
  label,
  blocked,
  letterhead = true,
}: {
  parts: readonly FilledPart[]
  profile: PracticeProfile
  /** False: no letterhead (the client asked that the practice not be named in letters). */
  letterhead?: boolean
  pageSize: PaperSize
  label: string
  /**
   * Placeholders are missing, or a warning is not acknowledged: the page does not print (not
   * even with the browser's Ctrl+P).
   */
  blocked: boolean
}) {
  const contact = [profile.phone, profile.email].filter(Boolean).join(' · ')
  const hasHead = letterhead && (profile.practiceName || profile.address || contact)
  return (
    <article
      className="print-document letter"
      data-page-size={pageSize}
      data-blocked={blocked ? 'true' : undefined}
      aria-label={label}
    >
      {hasHead && (
        <header className="letter__head">
          {profile.practiceName && <p className="letter__practice">{profile.practiceName}</p>}
          {profile.address && <p className="letter__address">{profile.address}</p>}
          {contact && <p className="letter__contact">{contact}</p>}
        </header>
      )}
      <div className="letter__body">
        {paragraphsOf(parts).map((paragraph, index) => (
          <p key={index}>
            {paragraph.map((part, i) =>
              part.kind === 'missing' ? (
                <mark key={i} className="letter__missing">
                  {part.raw}
                </mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </p>
        ))}
      </div>
    </article>
  )
}
