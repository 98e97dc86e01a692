import { mount } from '@/components/shared/mount';
import { SessionsApp } from '@/components/sessions/SessionsApp';

mount(<SessionsApp search={window.location.search} />);
