import { render } from 'preact';
import { t, uiLanguage } from '@/src/i18n/t';
import { extensionOptionsApi } from '@/src/ui/options/api';
import { OptionsApp } from '@/src/ui/options/OptionsApp';
import '@/src/ui/cluster/lens.css';
import '@/src/ui/options/options.css';

document.documentElement.lang = uiLanguage();
document.title = t('options_title');
render(<OptionsApp api={extensionOptionsApi} />, document.getElementById('app')!);
