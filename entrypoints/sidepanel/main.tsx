import { mount } from '@/components/mount';
import { SidePanelApp } from '@/components/SidePanelApp';

mount(<SidePanelApp search={location.search} />);
