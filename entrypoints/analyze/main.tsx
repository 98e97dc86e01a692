import { AnalyzeApp } from '@/components/AnalyzeApp';
import { mount } from '@/components/mount';

mount(<AnalyzeApp />);
