import { mount } from '@/components/mount';
import { SessionsApp } from '@/components/SessionsApp';

mount(<SessionsApp search={window.location.search} />);
