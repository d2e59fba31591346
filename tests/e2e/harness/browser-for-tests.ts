/** TEST ONLY: the `browser` of 'wxt/browser' on a plain web page: English messages, nothing else. */
import { getMessage } from '../../helpers/messages';

export const browser = {
  i18n: { getMessage, getUILanguage: () => 'en' },
};
