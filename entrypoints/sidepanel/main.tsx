import { mount } from '@/components/shared/mount';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';

mount(<SidePanelApp search={location.search} />);
