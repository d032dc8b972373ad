import { useTranslation } from 'react-i18next';
import classes from './SkipLink.module.css';

/** First focusable element: lets keyboard users jump past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className={classes.skipLink} href="#main-content">
      {t('skipToContent')}
    </a>
  );
}
