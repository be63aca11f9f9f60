//! The "load more" button under a keyset-paged list: shown while there is a next page.
import { Button } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '@/i18n/i18n-provider';

interface NextPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export function LoadMore({ pages, style }: { pages: NextPages; style?: CSSProperties }) {
  const { t } = useI18n();
  if (!pages.hasNextPage) return null;
  return (
    <div style={{ textAlign: 'center', ...style }}>
      <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
