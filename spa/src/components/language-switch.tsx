import { Segmented } from 'antd';
import { useI18n } from '@/i18n/i18n-provider';
import type { Locale } from '@/i18n/translate';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
