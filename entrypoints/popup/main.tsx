import { render } from 'preact';
import { t, uiLanguage } from '@/src/i18n/t';
import { extensionApi } from '@/src/ui/cluster/api';
import { PopupApp } from '@/src/ui/cluster/PopupApp';
import '@/src/ui/cluster/lens.css';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
render(<PopupApp api={extensionApi} />, document.getElementById('app')!);
