import { calendarModule } from './calendar/module';
import { profileModule } from './profile/module';

/** The registry's feature modules; each brings its resolvers, entities and event handlers. */
export const modules = [calendarModule, profileModule];
