import { DrillApp } from '@/components/drill/DrillApp';
import { mount } from '@/components/shared/mount';

mount(<DrillApp />);
